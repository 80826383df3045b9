-- May this user comment now? Checks and records in one step, so two nodes cannot both let a comment through.
-- KEYS[1] bans set, KEYS[2] timeout key, KEYS[3] moderators set, KEYS[4] slow-mode setting,
-- KEYS[5] the user's slow-mode gate, KEYS[6] the user's rate window (sorted set)
-- ARGV[1] user id, ARGV[2] is host (1/0), ARGV[3] rate limit, ARGV[4] rate window ms, ARGV[5] unique member
-- Returns {code, retry-after ms}: 0 accepted, 1 banned, 2 timed out, 3 slow mode, 4 rate limited.
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then
  return {1, 0}
end
local timeout = redis.call('PTTL', KEYS[2])
if timeout > 0 then
  return {2, timeout}
end
if ARGV[2] == '1' or redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then
  return {0, 0} -- host and moderators: no slow mode, no rate limit
end
local slow = tonumber(redis.call('GET', KEYS[4]) or '0')
if slow > 0 then
  local wait = redis.call('PTTL', KEYS[5])
  if wait > 0 then
    return {3, wait}
  end
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', now - window)
if redis.call('ZCARD', KEYS[6]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[6], 0, 0, 'WITHSCORES')
  return {4, math.max(1, tonumber(oldest[2]) + window - now)}
end
redis.call('ZADD', KEYS[6], now, ARGV[5])
redis.call('PEXPIRE', KEYS[6], window)
if slow > 0 then
  redis.call('SET', KEYS[5], '1', 'PX', slow * 1000)
end
return {0, 0}
