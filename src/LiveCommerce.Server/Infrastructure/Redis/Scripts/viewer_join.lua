-- Adds or refreshes watch sessions, expiring ARGV[1] ms from now by Redis's clock.
-- KEYS[1] viewers zset; ARGV[1] ttl ms, ARGV[2..] connection ids
local t = redis.call('TIME')
local expires = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[1])
for i = 2, #ARGV do
  redis.call('ZADD', KEYS[1], expires, ARGV[i])
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) * 4)
return #ARGV - 1
