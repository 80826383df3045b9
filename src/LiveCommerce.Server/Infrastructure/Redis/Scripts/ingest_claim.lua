-- An encoder asks to publish (rules: IIngestStore). KEYS[1] ingest hash;
-- ARGV[1] publisher id, ARGV[2] now (ms), ARGV[3] lease (ms). Returns claimed|resumed|busy|ended.
if redis.call('HGET', KEYS[1], 'ended') == '1' then
  return 'ended'
end
local current = redis.call('HGET', KEYS[1], 'publisher')
if current and current ~= ARGV[1] then
  local seen = tonumber(redis.call('HGET', KEYS[1], 'seen') or '0')
  if seen + tonumber(ARGV[3]) > tonumber(ARGV[2]) then
    return 'busy'
  end
end
local away = redis.call('HEXISTS', KEYS[1], 'until')
redis.call('HSET', KEYS[1], 'publisher', ARGV[1], 'seen', ARGV[2])
redis.call('HDEL', KEYS[1], 'until')
if away == 1 then
  return 'resumed'
end
return 'claimed'
