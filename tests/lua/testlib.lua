-- A small test runner for the Lua API tests. Each test file requires it, registers
-- tests with T.test(name, fn) and ends with T.run(), which runs them in love.load and
-- quits with status 0 (all passed) or 1. The Rust harness (tests/lua_api.rs) runs each
-- file headless and prints what the file printed.
local T = {}
local tests = {}

function T.test(name, fn)
    tests[#tests + 1] = { name = name, fn = fn }
end

function T.eq(actual, expected, what)
    if actual ~= expected then
        error(string.format("%s: expected %s, got %s", what or "value", tostring(expected), tostring(actual)), 2)
    end
end

function T.near(actual, expected, eps, what)
    if type(actual) ~= "number" or math.abs(actual - expected) > (eps or 1e-6) then
        error(string.format("%s: expected %s, got %s", what or "value", tostring(expected), tostring(actual)), 2)
    end
end

-- Calls fn(...) and checks that it fails with exactly `message`.
function T.err(message, fn, ...)
    local ok, e = pcall(fn, ...)
    if ok then error("expected error '" .. message .. "', but the call succeeded", 2) end
    if type(e) ~= "string" then error("error value is a " .. type(e) .. ", not a string", 2) end
    if e ~= message then
        error(string.format("expected error\n    %s\ngot\n    %s", message, e), 2)
    end
end

-- Runs the tests in love.load; `after` (optional) runs after the given number of frames.
function T.run(frames_check)
    function love.load()
        local failed = 0
        for _, t in ipairs(tests) do
            local ok, e = xpcall(t.fn, debug.traceback)
            if ok then
                print("ok   " .. t.name)
            else
                failed = failed + 1
                print("FAIL " .. t.name .. ": " .. tostring(e))
            end
        end
        print(string.format("%d passed, %d failed", #tests - failed, failed))
        love.event.quit(failed > 0 and 1 or 0)
    end
end

return T
