-- Payment succeeded: the held units become sold and the order is stored with them, atomically.
-- ARGV: buyer, hold id, checkout key, order id, order json, order created (ms).
-- KEYS[9]: the sale's unlogged orders, until the order log has the order.
-- {'ok', order id} | {'expired'} | {'err', code}
local rec, answer = own_hold(ARGV[1], ARGV[2], ARGV[3], 'ok')
if not rec then
  return answer
end
if rec.st ~= 'paying' or rec.ck ~= ARGV[3] then
  return { 'expired' }
end
redis.call('HINCRBY', KEYS[1], 'held', -rec.q)
redis.call('HINCRBY', KEYS[1], 'sold', rec.q)
redis.call('ZREM', KEYS[2], ARGV[2])
rec.st = 'sold'
rec.o = ARGV[4]
redis.call('HSET', KEYS[3], ARGV[2], cjson.encode(rec))
redis.call('HSET', KEYS[7], ARGV[4], ARGV[5])
redis.call('ZADD', KEYS[9], ARGV[6], ARGV[4])
return { 'ok', ARGV[4] }
