-- LuaSocket's "socket.url" module for this engine: URL parsing and building
-- (RFC 3986 shapes: scheme://user:password@host:port/path;params?query#fragment),
-- relative resolution, path segments and escaping.
local string, table, type, tostring, ipairs, pairs, tonumber = string, table, type, tostring, ipairs, pairs, tonumber

local url = { _VERSION = "URL 1.0.3" }

function url.escape(s)
    return (string.gsub(s, "([^A-Za-z0-9_])", function(c)
        return string.format("%%%02x", string.byte(c))
    end))
end

function url.unescape(s)
    return (string.gsub(s, "%%(%x%x)", function(h)
        return string.char(tonumber(h, 16))
    end))
end

-- Characters a path segment may hold unescaped.
local segment_ok = {}
for c in string.gmatch("-_.!~*'():@&=+$,;", ".") do segment_ok[c] = true end

local function protect_segment(s)
    return (string.gsub(s, "([^A-Za-z0-9_])", function(c)
        if segment_ok[c] then return c end
        return string.format("%%%02x", string.byte(c))
    end))
end

-- Removes "." and ".." segments from a merged path.
local function remove_dots(path)
    local out = {}
    local absolute = string.sub(path, 1, 1) == "/"
    local segs = {}
    local start = 1
    while true do
        local slash = string.find(path, "/", start, true)
        if not slash then
            segs[#segs + 1] = string.sub(path, start)
            break
        end
        segs[#segs + 1] = string.sub(path, start, slash - 1)
        start = slash + 1
    end
    if absolute then table.remove(segs, 1) end
    local last = #segs
    for i, seg in ipairs(segs) do
        if seg == "." then
            if i == last then out[#out + 1] = "" end
        elseif seg == ".." then
            if #out > 0 and out[#out] ~= ".." then
                out[#out] = nil
            elseif not absolute then
                out[#out + 1] = ".."
            end
            if i == last then out[#out + 1] = "" end
        else
            out[#out + 1] = seg
        end
    end
    local joined = table.concat(out, "/")
    if absolute then joined = "/" .. joined end
    return joined
end

local function absolute_path(base_path, relative_path)
    if string.sub(relative_path, 1, 1) == "/" then return remove_dots(relative_path) end
    local dir = string.gsub(base_path, "[^/]*$", "")
    return remove_dots(dir .. relative_path)
end

function url.parse(s, default)
    local parsed = {}
    for k, v in pairs(default or parsed) do parsed[k] = v end
    if not s or s == "" then return nil, "invalid url" end
    parsed.url = s
    s = string.gsub(s, "#(.*)$", function(f)
        parsed.fragment = f
        return ""
    end)
    s = string.gsub(s, "^([%w][%w%+%-%.]*)%:", function(sch)
        parsed.scheme = string.lower(sch)
        return ""
    end)
    s = string.gsub(s, "^//([^/]*)", function(a)
        parsed.authority = a
        return ""
    end)
    s = string.gsub(s, "%?(.*)", function(q)
        parsed.query = q
        return ""
    end)
    s = string.gsub(s, "%;(.*)", function(p)
        parsed.params = p
        return ""
    end)
    if s ~= "" then parsed.path = s end
    local authority = parsed.authority
    if not authority then return parsed end
    authority = string.gsub(authority, "^([^@]*)@", function(u)
        parsed.userinfo = u
        return ""
    end)
    authority = string.gsub(authority, ":(%d*)$", function(p)
        if p ~= "" then parsed.port = p end
        return ""
    end)
    if authority ~= "" then
        parsed.host = string.match(authority, "^%[(.+)%]$") or authority
    end
    local userinfo = parsed.userinfo
    if not userinfo then return parsed end
    userinfo = string.gsub(userinfo, ":([^:]*)$", function(p)
        parsed.password = p
        return ""
    end)
    parsed.user = userinfo
    return parsed
end

function url.build(parsed)
    local out = url.build_path(url.parse_path(parsed.path or ""))
    if parsed.params then out = out .. ";" .. parsed.params end
    if parsed.query then out = out .. "?" .. parsed.query end
    local authority = parsed.authority
    if parsed.host then
        authority = parsed.host
        if string.find(authority, ":", 1, true) then authority = "[" .. authority .. "]" end
        if parsed.port then authority = authority .. ":" .. tostring(parsed.port) end
        local userinfo = parsed.userinfo
        if parsed.user then
            userinfo = parsed.user
            if parsed.password then userinfo = userinfo .. ":" .. parsed.password end
        end
        if userinfo then authority = userinfo .. "@" .. authority end
    end
    if authority then out = "//" .. authority .. out end
    if parsed.scheme then out = parsed.scheme .. ":" .. out end
    if parsed.fragment then out = out .. "#" .. parsed.fragment end
    return out
end

function url.absolute(base_url, relative_url)
    local base = base_url
    if type(base_url) ~= "table" then
        base = url.parse(base_url)
        base_url = url.build(base)
    end
    local rel = url.parse(relative_url)
    if not base then return relative_url end
    if not rel then return base_url end
    if rel.scheme then return relative_url end
    rel.scheme = base.scheme
    if not rel.authority then
        rel.authority = base.authority
        if not rel.path then
            rel.path = base.path
            if not rel.params then
                rel.params = base.params
                if not rel.query then rel.query = base.query end
            end
        else
            rel.path = absolute_path(base.path or "", rel.path)
        end
    end
    return url.build(rel)
end

function url.parse_path(path)
    local parsed = {}
    path = path or ""
    for seg in string.gmatch(path, "([^/]+)") do
        parsed[#parsed + 1] = url.unescape(seg)
    end
    if string.sub(path, 1, 1) == "/" then parsed.is_absolute = 1 end
    if string.sub(path, -1) == "/" then parsed.is_directory = 1 end
    return parsed
end

function url.build_path(parsed, unsafe)
    local parts = {}
    for i = 1, #parsed do
        parts[i] = unsafe and parsed[i] or protect_segment(parsed[i])
    end
    local path = table.concat(parts, "/")
    if #parsed > 0 then
        if parsed.is_directory then path = path .. "/" end
        if parsed.is_absolute then path = "/" .. path end
    elseif parsed.is_absolute or parsed.is_directory then
        path = "/"
    end
    return path
end

return url
