-- Removes a product's pin and returns its json, or nil when it was not there. With ARGV[2] set,
-- only that exact pin (by pin id) is removed, so a stale expiry never removes a newer pin.
-- KEYS[1] pins hash; ARGV[1] product id, ARGV[2] pin id or ''.
local json = redis.call('HGET', KEYS[1], ARGV[1])
if not json then
  return nil
end
if ARGV[2] ~= '' and cjson.decode(json)['pinId'] ~= ARGV[2] then
  return nil
end
redis.call('HDEL', KEYS[1], ARGV[1])
return json
