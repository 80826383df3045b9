-- Compare-and-set of a partnership. KEYS[1] partnership (JSON string); ARGV[1] the version the
-- caller read (-1: there must be none); ARGV[2] the new JSON. Returns 1 when written, 0 when the
-- stored one changed meanwhile. A partnership stored before versions existed counts as version 0.
local current = redis.call('GET', KEYS[1])
local expected = tonumber(ARGV[1])
if current then
  local version = cjson.decode(current)['version']
  if type(version) ~= 'number' then
    version = 0
  end
  if version ~= expected then
    return 0
  end
elseif expected ~= -1 then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2])
return 1
