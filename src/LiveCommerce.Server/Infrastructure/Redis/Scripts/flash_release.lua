-- Cancel or failed payment: the hold's units return at once (to the waitlist first).
-- ARGV: buyer, hold id, sale id. {units released, stock, grants...} | {'err', code}
local raw = redis.call('HGET', KEYS[3], ARGV[2])
if not raw then
  return { 'err', 'hold_not_found' }
end
local rec = cjson.decode(raw)
if rec.b ~= ARGV[1] then
  return { 'err', 'not_your_hold' }
end
if rec.st ~= 'held' and rec.st ~= 'paying' then
  return { 0, num(KEYS[1], 'stock') }
end
return_units(rec)
redis.call('ZREM', KEYS[2], ARGV[2])
rec.st = 'released'
redis.call('HSET', KEYS[3], ARGV[2], cjson.encode(rec))
local result = { rec.q, 0 }
for _, g in ipairs(handoff(ARGV[3], now_ms())) do
  table.insert(result, g)
end
result[2] = num(KEYS[1], 'stock')
return result
