-- LTN12 (sources, sinks, filters and pumps) for this engine, following the LTN12
-- contract: a source returns chunks then nil (or nil, error); a sink takes chunks then
-- nil and returns 1 (or nil, error); a filter takes chunks then nil. After a filter
-- returns output it is called again with "" (or nil at the end) until it has nothing
-- more: "" mid-stream, nil at the end.
local select, type, error, setmetatable, tostring = select, type, error, setmetatable, tostring
local string, table, unpack = string, table, unpack

local ltn12 = { _VERSION = "LTN12 1.0.3", BLOCKSIZE = 2048 }
local filter, source, sink, pump = {}, {}, {}, {}
ltn12.filter, ltn12.source, ltn12.sink, ltn12.pump = filter, source, sink, pump

-- Everything filter f gives for one chunk (nil: the end of the stream).
local function drain(f, chunk)
    local parts = {}
    local out = f(chunk)
    if chunk == nil then
        while out ~= nil and out ~= "" do
            parts[#parts + 1] = out
            out = f(nil)
        end
        if #parts == 0 then return nil end
    else
        while out ~= "" do
            if out == nil then error("filter returned inappropriate nil", 3) end
            parts[#parts + 1] = out
            out = f("")
        end
    end
    return table.concat(parts)
end

-- A filter from a low-level function low(context, chunk, extra) -> output, context.
function filter.cycle(low, ctx, extra)
    return function(chunk)
        local out
        out, ctx = low(ctx, chunk, extra)
        return out
    end
end

local function chain2(f1, f2)
    return function(chunk)
        local mid = drain(f1, chunk)
        if chunk ~= nil then return drain(f2, mid) end
        local head = ""
        if mid ~= nil then head = drain(f2, mid) end
        local tail = drain(f2, nil)
        if head == "" and tail == nil then return nil end
        return head .. (tail or "")
    end
end

function filter.chain(...)
    local n = select("#", ...)
    local fs = { ... }
    local f = fs[1]
    for i = 2, n do f = chain2(f, fs[i]) end
    return f
end

function source.empty()
    return function() return nil end
end

function source.error(err)
    return function() return nil, err end
end

function source.string(s)
    if not s then return source.empty() end
    local pos = 1
    return function()
        if pos > #s then return nil end
        local chunk = string.sub(s, pos, pos + ltn12.BLOCKSIZE - 1)
        pos = pos + ltn12.BLOCKSIZE
        return chunk
    end
end

function source.file(handle, io_err)
    if not handle then return source.error(io_err or "unable to open file") end
    return function()
        local chunk = handle:read(ltn12.BLOCKSIZE)
        if chunk == nil then
            handle:close()
        end
        return chunk
    end
end

-- A fancy source may return nil, replacement-source: switch to it.
function source.simplify(src)
    return function()
        while true do
            local chunk, b = src()
            if chunk ~= nil then return chunk end
            if type(b) ~= "function" then return nil, b end
            src = b
        end
    end
end

-- A source that chunks can be pushed back into: rewound(chunk) pushes, rewound() reads.
function source.rewind(src)
    local stack = {}
    return function(...)
        if select("#", ...) > 0 and (...) ~= nil then
            stack[#stack + 1] = (...)
            return
        end
        local n = #stack
        if n > 0 then
            local chunk = stack[n]
            stack[n] = nil
            return chunk
        end
        return src()
    end
end

function source.chain(src, f, ...)
    if select("#", ...) > 0 then f = filter.chain(f, ...) end
    local finished = false
    return function()
        while not finished do
            local chunk, err = src()
            if err then return nil, err end
            local out = drain(f, chunk)
            if chunk == nil then
                finished = true
                return out
            end
            if out ~= "" then return out end
        end
        return nil
    end
end

function source.cat(...)
    local srcs = { ... }
    local n = select("#", ...)
    local i = 1
    return function()
        while i <= n do
            local chunk, err = srcs[i]()
            if chunk ~= nil then return chunk end
            if err then return nil, err end
            i = i + 1
        end
        return nil
    end
end

function sink.table(t)
    t = t or {}
    return function(chunk)
        if chunk ~= nil then t[#t + 1] = chunk end
        return 1
    end, t
end

-- A fancy sink may return 1, replacement-sink: switch to it.
function sink.simplify(snk)
    return function(chunk, err)
        local ok, b = snk(chunk, err)
        if not ok then return nil, b end
        if type(b) == "function" then snk = b end
        return 1
    end
end

function sink.file(handle, io_err)
    if not handle then return sink.error(io_err or "unable to open file") end
    return function(chunk)
        if chunk == nil then
            handle:close()
            return 1
        end
        local ok, err = handle:write(chunk)
        if not ok then return nil, err end
        return 1
    end
end

function sink.null()
    return function() return 1 end
end

function sink.error(err)
    return function() return nil, err end
end

function sink.chain(f, snk, ...)
    if select("#", ...) > 0 then
        -- ltn12.sink.chain(f1, f2, ..., sink): the sink comes last.
        local all = { f, snk, ... }
        snk = all[#all]
        all[#all] = nil
        f = filter.chain(unpack(all))
    end
    return function(chunk, err)
        local out = drain(f, chunk)
        if chunk == nil then
            if out ~= nil then
                local ok, e = snk(out, err)
                if not ok then return nil, e end
            end
            return snk(nil, err)
        end
        if out == "" then return 1 end
        return snk(out, err)
    end
end

function pump.step(src, snk)
    local chunk, src_err = src()
    local ok, snk_err = snk(chunk, src_err)
    if chunk ~= nil and ok then return 1 end
    return nil, src_err or snk_err
end

function pump.all(src, snk, step)
    step = step or pump.step
    while true do
        local ok, err = step(src, snk)
        if not ok then
            if err then return nil, err end
            return 1
        end
    end
end

return ltn12
