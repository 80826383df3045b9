-- Ends a refund claim, only by the token that holds it. KEYS[1]: the sale's refunds hash.
-- ARGV: order id, token, 'done' (refunded) or 'abort' (give the claim back). {'ok', ms} | {'ok'} | {'lost'}
local cur = redis.call('HGET', KEYS[1], ARGV[1])
local mine = 'pending:' .. ARGV[2] .. ':'
if not cur or string.sub(cur, 1, #mine) ~= mine then
  return { 'lost' }
end
if ARGV[3] == 'abort' then
  redis.call('HDEL', KEYS[1], ARGV[1])
  return { 'ok' }
end
local at = string.format('%d', now_ms())
redis.call('HSET', KEYS[1], ARGV[1], 'done:' .. at)
return { 'ok', at }
