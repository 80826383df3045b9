-- Appends a published batch to the recent comments and keeps the newest N.
-- KEYS[1] recent list; ARGV[1] keep, ARGV[2..] entries (json {seq, comment})
for i = 2, #ARGV do
  redis.call('RPUSH', KEYS[1], ARGV[i])
end
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[1]), -1)
return redis.call('LLEN', KEYS[1])
