-- Moves a valid hold of the caller to 'paying' and keeps its units through the payment: at least the grace,
-- never less than the hold had left (the buyer may still be typing a card).
-- ARGV: buyer, hold id, checkout key, grace ms.
-- {'pay', qty, stream} | {'sold', order id} (same key again) | {'expired'} | {'err', code}
local rec, answer = own_hold(ARGV[1], ARGV[2], ARGV[3], 'sold')
if not rec then
  return answer
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
redis.call('ZADD', KEYS[2], math.max(expiry, now + tonumber(ARGV[4])), ARGV[2])
return { 'pay', rec.q, rec.s }
