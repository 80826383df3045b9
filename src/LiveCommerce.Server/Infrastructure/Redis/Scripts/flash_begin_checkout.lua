-- Moves a valid hold of the caller to 'paying' and keeps its units through the payment (grace).
-- ARGV: buyer, hold id, checkout key, grace ms.
-- {'pay', qty, stream} | {'sold', order id} (same key again) | {'expired'} | {'err', code}
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
    return { 'sold', rec.o }
  end
  return { 'err', 'checkout_replayed' }
end
if rec.st ~= 'held' and rec.st ~= 'paying' then
  return { 'expired' }
end
if rec.st == 'paying' and rec.ck ~= ARGV[3] then
  return { 'err', 'checkout_in_progress' }
end
local now = now_ms()
local expiry = tonumber(redis.call('ZSCORE', KEYS[2], ARGV[2]) or '0')
if expiry <= now then
  return { 'expired' }
end
rec.st = 'paying'
rec.ck = ARGV[3]
redis.call('HSET', KEYS[3], ARGV[2], cjson.encode(rec))
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[4]), ARGV[2])
return { 'pay', rec.q, rec.s }
