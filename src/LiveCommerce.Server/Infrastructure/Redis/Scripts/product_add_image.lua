-- Appends an image URL to an existing product below the limit.
-- KEYS[1] product hash, KEYS[2] image list; ARGV[1] url, ARGV[2] max images. Returns 1 or 0.
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('LLEN', KEYS[2]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('RPUSH', KEYS[2], ARGV[1])
return 1
