-- One node per interval wins the right to push the viewer count, and only when it changed.
-- KEYS[1] viewers zset, KEYS[2] lock, KEYS[3] last pushed count; ARGV[1] interval ms
-- Returns the count to push, or -1.
if not redis.call('SET', KEYS[2], '1', 'PX', ARGV[1], 'NX') then
  return -1
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local n = redis.call('ZCARD', KEYS[1])
local last = redis.call('GET', KEYS[3])
redis.call('SET', KEYS[3], n, 'EX', 86400)
if last and tonumber(last) == n then
  return -1
end
return n
