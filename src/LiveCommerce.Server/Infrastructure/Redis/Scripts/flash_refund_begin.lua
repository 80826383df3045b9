-- Claims an order's refund for exactly one caller. KEYS[1]: the sale's orders hash, KEYS[2]: its refunds hash
-- (order id -> 'done:<ms>' or 'pending:<token>:<lease end ms>'). ARGV: order id, token, lease (ms).
-- {'go'} | {'busy'} | {'done', ms} | {'missing'}
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  return { 'missing' }
end
local now = now_ms()
local cur = redis.call('HGET', KEYS[2], ARGV[1])
if cur then
  local at = string.match(cur, '^done:(%d+)$')
  if at then
    return { 'done', at }
  end
  local lease_end = tonumber(string.match(cur, ':(%d+)$') or '0')
  if lease_end > now then
    return { 'busy' }
  end
end
redis.call('HSET', KEYS[2], ARGV[1], 'pending:' .. ARGV[2] .. ':' .. string.format('%d', now + tonumber(ARGV[3])))
return { 'go' }
