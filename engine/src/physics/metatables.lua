-- LOVE: a LÖVE object's metatable is its table of methods, whose __index is itself, so
-- `world.__index` (the metatable, reached through the object) is that table. windfield
-- wraps every World, Body, Fixture and Shape method by iterating `obj.__index`. Here the
-- method tables of the physics types get the same self-reference; each type's table exists
-- once the first object of that type does, so one of each is made (and destroyed).
local physics = ...
local world = physics.newWorld(0, 0)
local a = physics.newBody(world, 0, 0, "dynamic")
local b = physics.newBody(world, 1, 0, "static")
local shape = physics.newCircleShape(1)
local objects = { world, a, shape, physics.newFixture(a, shape), physics.newDistanceJoint(a, b, 0, 0, 1, 0) }
for _, o in ipairs(objects) do
    local mt = debug.getmetatable(o)
    local methods = type(mt) == "table" and rawget(mt, "__index")
    if type(methods) == "table" and rawget(methods, "__index") == nil then
        rawset(methods, "__index", methods)
    end
end
world:destroy()
