-- New total quantity: grow, or cut down to no less than sold + held. ARGV: quantity, sale id.
-- {stock, grants...} | {'err', code}
if redis.call('EXISTS', KEYS[1]) == 0 then
  return { 'err', 'sale_not_found' }
end
if redis.call('HGET', KEYS[1], 'cancelled') == '1' then
  return { 'err', 'sale_not_editable' }
end
local now = now_ms()
if now >= num(KEYS[1], 'endsAt') then
  return { 'err', 'sale_ended' }
end
local q = tonumber(ARGV[1])
local committed = num(KEYS[1], 'sold') + num(KEYS[1], 'held')
if q < committed then
  return { 'err', 'quantity_below_committed' }
end
redis.call('HSET', KEYS[1], 'qty', q, 'stock', q - committed)
local result = { 0 }
for _, g in ipairs(handoff(ARGV[2], now)) do
  table.insert(result, g)
end
result[1] = num(KEYS[1], 'stock')
return result
