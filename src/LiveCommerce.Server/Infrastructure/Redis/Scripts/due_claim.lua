-- The scheduler's due queue: take (and remove) what is due by Redis's clock. ZREM is the claim,
-- atomic in this script, so exactly one node gets each item. KEYS[1] due zset; ARGV[1] max.
-- The queue holds only ids across sales, so it is a key of its own (not in any sale's slot).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local items = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
if #items > 0 then
  redis.call('ZREM', KEYS[1], unpack(items))
end
return items
