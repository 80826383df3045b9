-- Payment succeeded: the held units become sold and the order is stored with them, atomically.
-- ARGV: buyer, hold id, checkout key, order id, order json. {'ok', order id} | {'expired'} | {'err', code}
local raw = redis.call('HGET', KEYS[3], ARGV[2])
if not raw then
  return { 'err', 'hold_not_found' }
end
local rec = cjson.decode(raw)
if rec.b ~= ARGV[1] then
  return { 'err', 'not_your_hold' }
end
if rec.st == 'sold' then
  if rec.ck == ARGV[3] then
    return { 'ok', rec.o }
  end
  return { 'err', 'checkout_replayed' }
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
return { 'ok', ARGV[4] }
