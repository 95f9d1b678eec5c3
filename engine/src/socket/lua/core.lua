-- The part of socket.core that is plain Lua: skip, newtry and protect. Errors raised
-- by a "try" function are wrapped in a table so that protect can tell them apart from
-- real errors (which it raises again).
local core = ...
local select, error, pcall, type, unpack = select, error, pcall, type, unpack

function core.skip(d, ...)
    return select(d + 1, ...)
end

function core.newtry(finalizer)
    return function(...)
        if (...) then return ... end
        if finalizer then finalizer() end
        error({ (select(2, ...)) }, 0)
    end
end

local function unwrap(ok, ...)
    if ok then return ... end
    local e = ...
    if type(e) == "table" then return nil, e[1] end
    error(e, 0)
end

function core.protect(f)
    return function(...)
        return unwrap(pcall(f, ...))
    end
end
