-- Replaces a stream's editable details, never creating a stream that does not exist.
-- KEYS[1] stream hash; ARGV[1] details json
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], 'json', ARGV[1])
return 1
