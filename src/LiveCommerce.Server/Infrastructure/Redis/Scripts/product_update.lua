-- Replaces a product's details only if it exists. KEYS[1] product hash; ARGV[1] json. Returns 1 or 0.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], 'json', ARGV[1])
return 1
