-- Adds a question once and keeps the newest N. KEYS[1] hash id → json, KEYS[2] order (id → position)
-- ARGV[1] id, ARGV[2] json, ARGV[3] keep. Returns 1 when added, 0 when it was already there.
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then
  return 0
end
-- Score = position (last + 1), so questions marked in the same millisecond keep their order.
local top = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
redis.call('ZADD', KEYS[2], (tonumber(top[2]) or 0) + 1, ARGV[1])
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[3])
if excess > 0 then
  local old = redis.call('ZRANGE', KEYS[2], 0, excess - 1)
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
  redis.call('HDEL', KEYS[1], unpack(old))
end
return 1
