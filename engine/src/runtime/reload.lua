-- Hot reload: runs changed Lua files again in the running state and patches the game
-- in place, so state survives (see docs/hot-reload.md).
--  * module tables are kept; new functions replace old ones, new fields are added, data
--    fields keep their values (unless the module defines M.__reload(old) to migrate them);
--  * every reference to an old function (tables, upvalues, metatables, registry) is
--    switched to its new version; new functions share the old ones' upvalues by name;
--  * main.lua is rerun; globals holding data keep their old values; love.load isn't called.
local boot = ...
local getupvalue, setupvalue, upvaluejoin = debug.getupvalue, debug.setupvalue, debug.upvaluejoin
local getmetatable = debug.getmetatable

local function join_upvalues(map, old, new, seen, donors)
    if seen[new] then return end
    seen[new] = true
    donors = donors or {}
    local names = {}
    local i = 1
    while true do
        local n = getupvalue(old, i)
        if not n then break end
        names[n] = i
        i = i + 1
    end
    i = 1
    while true do
        local n, nv = getupvalue(new, i)
        if not n then break end
        local j, from = names[n], old
        if not j and donors[n] then
            -- Another old function of the same file had this local: share its cell.
            from, j = donors[n][1], donors[n][2]
        end
        if j then
            local _, ov = getupvalue(from, j)
            if type(ov) == "function" and type(nv) == "function" and ov ~= nv then
                -- A local helper function: pair it too, and share its upvalues.
                map[ov] = nv
                join_upvalues(map, ov, nv, seen, donors)
            elseif type(ov) == "table" and type(nv) == "table" and ov ~= nv then
                map[nv] = ov
            end
            upvaluejoin(new, i, from, j)
        end
        i = i + 1
    end
end

-- Patches table `old` with `new`: functions replaced, new fields added, data kept.
local function patch(map, old, new, keep_data, seen)
    if seen[old] then return end
    seen[old] = true
    for k, nv in pairs(new) do
        local ov = rawget(old, k)
        if type(nv) == "function" then
            if type(ov) == "function" and ov ~= nv then map[ov] = nv end
            rawset(old, k, nv)
        elseif type(nv) == "table" and type(ov) == "table" then
            if ov ~= nv then
                map[nv] = ov
                patch(map, ov, nv, keep_data, seen)
            end
        elseif ov == nil or not keep_data then
            rawset(old, k, nv)
        end
    end
    local nmt, omt = getmetatable(new), getmetatable(old)
    if type(nmt) == "table" and type(omt) == "table" and nmt ~= omt then
        map[nmt] = omt
        patch(map, omt, nmt, keep_data, seen)
    end
end

-- Switches every reachable reference to a key of `map` to its value.
local function rewrite(map)
    local seen = { [map] = true }
    seen[seen] = true
    local stack = { debug.getregistry(), _G }
    while #stack > 0 do
        local v = table.remove(stack)
        local t = type(v)
        if (t == "table" or t == "function" or t == "userdata") and not seen[v] then
            seen[v] = true
            local mt = getmetatable(v)
            if mt then stack[#stack + 1] = mt end
            if t == "table" then
                local changes
                for k, x in next, v do
                    local nk, nx = map[k], map[x]
                    if nk or nx then
                        changes = changes or {}
                        changes[#changes + 1] = { k, nk or k, nx or x }
                    end
                    stack[#stack + 1] = k
                    stack[#stack + 1] = x
                end
                if changes then
                    for _, c in ipairs(changes) do
                        rawset(v, c[1], nil)
                        rawset(v, c[2], c[3])
                    end
                end
            elseif t == "function" then
                local i = 1
                while true do
                    local n, x = getupvalue(v, i)
                    if not n then break end
                    local nx = map[x]
                    if nx then setupvalue(v, i, nx) x = nx end
                    stack[#stack + 1] = x
                    i = i + 1
                end
            end
        end
    end
end

local function snapshot(t)
    local s = {}
    for k, v in pairs(t) do s[k] = v end
    return s
end

-- Reloads one file. Returns true, or false and the error message.
local function reload_file(file, modname, map)
    local chunk, err = boot.compile(file)
    if not chunk then return false, err end
    if modname then
        local old = package.loaded[modname]
        local ok, new = pcall(chunk, modname)
        if not ok then return false, new end
        if type(old) ~= "table" or type(new) ~= "table" then
            if new ~= nil then package.loaded[modname] = new end
            if type(old) == "function" and type(new) == "function" then
                map[old] = new
                join_upvalues(map, old, new, {})
            end
            return true
        end
        local migrate = rawget(new, "__reload")
        if type(migrate) == "function" then
            local mok, merr = pcall(migrate, old)
            if not mok then return false, merr end
        end
        patch(map, old, new, type(migrate) ~= "function", {})
        package.loaded[modname] = old
        return true
    end
    -- main.lua or a love.filesystem.load'ed file: rerun it, keep the data it reset.
    local g, l = snapshot(_G), snapshot(love)
    -- Functions stored into global tables (engine.reloaded, Game.draw...) are paired too.
    local fields = {}
    for k, t in pairs(_G) do
        if type(t) == "table" and t ~= _G and t ~= love and k ~= "package" and k ~= "_G" then
            local fs = {}
            for fk, fv in pairs(t) do
                if type(fv) == "function" then fs[fk] = fv end
            end
            fields[t] = fs
        end
    end
    local ok, runerr = pcall(chunk)
    if not ok then
        -- Undo what the failed run assigned.
        for k in pairs(_G) do if g[k] == nil then _G[k] = nil end end
        for k, v in pairs(g) do _G[k] = v end
        for k, v in pairs(l) do love[k] = v end
        return false, runerr
    end
    for t, fs in pairs(fields) do
        for k, ov in pairs(fs) do
            local nv = rawget(t, k)
            if type(nv) == "function" and nv ~= ov then map[ov] = nv end
        end
    end
    for _, pair in ipairs({ { _G, g }, { love, l } }) do
        local now, before = pair[1], pair[2]
        for k, ov in pairs(before) do
            local nv = rawget(now, k)
            if type(ov) == "function" and type(nv) == "function" and ov ~= nv then
                map[ov] = nv
            elseif type(ov) == "table" and type(nv) == "table" and ov ~= nv and now == _G and k ~= "love" then
                map[nv] = ov
                patch(map, ov, nv, true, {})
                rawset(now, k, ov)
            elseif nv ~= ov and type(ov) ~= "function" and now == _G then
                rawset(now, k, ov) -- data keeps its value
            end
        end
    end
    return true
end

-- Reloads the changed files (a list of {file, modname}); returns the list of errors.
-- New functions share the old ones' upvalues (counters in locals survive); a local that
-- a new function's own predecessor didn't use comes from another old function of the
-- same file.
local function join_all(fmap)
    local donors = {}
    for old, new in pairs(fmap) do
        if type(old) == "function" and type(new) == "function" then
            local i = 1
            while true do
                local n = getupvalue(old, i)
                if not n then break end
                if not donors[n] then donors[n] = { old, i } end
                i = i + 1
            end
        end
    end
    local seen = {}
    for old, new in pairs(fmap) do
        if type(old) == "function" and type(new) == "function" then
            join_upvalues(fmap, old, new, seen, donors)
        end
    end
end

function boot.reload(files)
    local map, errors, done = {}, {}, {}
    for _, f in ipairs(files) do
        local fmap = {}
        local ok, err = reload_file(f[1], f[2], fmap)
        if ok then
            done[#done + 1] = f[1]
            join_all(fmap)
            for k, v in pairs(fmap) do map[k] = v end
        else
            errors[#errors + 1] = tostring(boot.fixerror(err))
        end
    end
    if next(map) then rewrite(map) end
    if #done > 0 and #errors == 0 then
        boot.recover()
        if engine and type(engine.reloaded) == "function" then
            local ok, err = pcall(engine.reloaded, done)
            if not ok then errors[#errors + 1] = tostring(err) end
        end
    end
    return errors
end
