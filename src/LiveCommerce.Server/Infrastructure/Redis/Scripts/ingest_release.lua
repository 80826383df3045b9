-- The encoder left: reconnecting until ARGV[2] (ms). Only the current publisher (ARGV[1]) can release.
if redis.call('HGET', KEYS[1], 'publisher') ~= ARGV[1] then
  return 0
end
redis.call('HDEL', KEYS[1], 'publisher', 'seen')
redis.call('HSET', KEYS[1], 'until', ARGV[2])
return 1
