-- LuaSocket's "mime" module for this engine: high-level filters (encode, decode, wrap,
-- normalize, stuff) built with ltn12 on the mime.core functions.
local core = require("mime.core")
local ltn12 = require("ltn12")
local type, error, tostring = type, error, tostring

local mime = core
local cycle = ltn12.filter.cycle

local function choose(t)
    return function(name, opt1, opt2)
        if type(name) ~= "string" then
            name, opt1, opt2 = "default", name, opt1
        end
        local f = t[name or "nil"]
        if not f then error("unknown key (" .. tostring(name) .. ")", 3) end
        return f(opt1, opt2)
    end
end

mime.encodet, mime.decodet, mime.wrapt = {}, {}, {}

mime.encodet["base64"] = function()
    return cycle(core.b64, "")
end

mime.encodet["quoted-printable"] = function(mode)
    return cycle(core.qp, "", mode == "binary" and "=0D=0A" or "\r\n")
end

mime.decodet["base64"] = function()
    return cycle(core.unb64, "")
end

mime.decodet["quoted-printable"] = function()
    return cycle(core.unqp, "")
end

mime.wrapt["text"] = function(length)
    length = length or 76
    return cycle(core.wrp, length, length)
end
mime.wrapt["base64"] = mime.wrapt["text"]
mime.wrapt["default"] = mime.wrapt["text"]

mime.wrapt["quoted-printable"] = function()
    return cycle(core.qpwrp, 76, 76)
end

mime.encode = choose(mime.encodet)
mime.decode = choose(mime.decodet)
mime.wrap = choose(mime.wrapt)

function mime.normalize(marker)
    return cycle(core.eol, 0, marker)
end

function mime.stuff()
    return cycle(core.dot, 2)
end

return mime
