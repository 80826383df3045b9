-- Counts a viewer in a stream's audience of the day, and remembers the stream among the host's that day.
-- KEYS[1] viewers HyperLogLog of the stream-day, KEYS[2] set of the host's streams that day;
-- ARGV[1] viewer id, ARGV[2] stream id, ARGV[3] ttl seconds (set when a key is created).
if redis.call('PFADD', KEYS[1], ARGV[1]) == 1 and redis.call('TTL', KEYS[1]) < 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[3])
end
if redis.call('SADD', KEYS[2], ARGV[2]) == 1 then
  redis.call('EXPIRE', KEYS[2], ARGV[3])
end
return 1
