-- LuaSocket's "socket.headers": canonic spellings of HTTP/MIME header names, so a
-- request can send "Content-Type" for the lower-case key "content-type". Names not in
-- the table get each dash-separated word capitalised.
local string = string

local headers = {}

local known = {
    "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Accept-Ranges",
    "Age", "Allow", "Authorization", "Cache-Control", "Connection", "Content-Disposition",
    "Content-Encoding", "Content-ID", "Content-Language", "Content-Length",
    "Content-Location", "Content-MD5", "Content-Range", "Content-Transfer-Encoding",
    "Content-Type", "Cookie", "Date", "ETag", "Expect", "Expires", "From", "Host",
    "If-Match", "If-Modified-Since", "If-None-Match", "If-Range", "If-Unmodified-Since",
    "Last-Modified", "Location", "Max-Forwards", "MIME-Version", "Message-ID", "Origin",
    "Pragma", "Proxy-Authenticate", "Proxy-Authorization", "Range", "Referer",
    "Retry-After", "Server", "Set-Cookie", "Subject", "TE", "To", "Trailer",
    "Transfer-Encoding", "Upgrade", "User-Agent", "Vary", "Via", "Warning",
    "WWW-Authenticate", "X-Mailer", "Reply-To", "Cc", "Bcc", "Return-Path", "Received",
}

headers.canonic = setmetatable({}, {
    __index = function(t, name)
        if type(name) ~= "string" then return nil end
        local spelled = string.gsub(name, "(%w)(%w*)", function(a, b)
            return string.upper(a) .. string.lower(b)
        end)
        return spelled
    end,
})
for _, name in ipairs(known) do headers.canonic[string.lower(name)] = name end

return headers
