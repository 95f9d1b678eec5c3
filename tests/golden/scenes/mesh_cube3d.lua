-- A g3d-style cube: 3-component VertexPosition, VertexTexCoord and a custom VertexNormal
-- attribute, the game's own perspective and view matrices, back faces culled.
local g = love.graphics
local shader = g.newShader([[
uniform mat4 projectionMatrix;
uniform mat4 viewMatrix;
varying vec4 worldPosition;
#ifdef VERTEX
attribute vec3 VertexNormal;
varying vec3 vn;
vec4 position(mat4 transformProjection, vec4 vertexPosition) {
    vn = VertexNormal;
    worldPosition = vertexPosition;
    return projectionMatrix * viewMatrix * vertexPosition;
}
#endif
#ifdef PIXEL
varying vec3 vn;
vec4 effect(vec4 color, Image tex, vec2 uv, vec2 px) {
    return vec4(abs(vn) * (0.6 + 0.4 * uv.x), 1.0);
}
#endif
]])
local fmt = {{"VertexPosition","float",3},{"VertexTexCoord","float",2},{"VertexNormal","float",3}}
local v = {}
local function face(n, a, b, c, d)
  for _, p in ipairs{a, b, c, a, c, d} do v[#v+1] = {p[1], p[2], p[3], (p[1]+1)/2, (p[2]+1)/2, n[1], n[2], n[3]} end
end
face({0,0,1}, {-1,-1,1},{1,-1,1},{1,1,1},{-1,1,1})
face({0,0,-1}, {-1,-1,-1},{-1,1,-1},{1,1,-1},{1,-1,-1})
face({1,0,0}, {1,-1,-1},{1,1,-1},{1,1,1},{1,-1,1})
face({-1,0,0}, {-1,-1,-1},{-1,-1,1},{-1,1,1},{-1,1,-1})
face({0,1,0}, {-1,1,-1},{-1,1,1},{1,1,1},{1,1,-1})
face({0,-1,0}, {-1,-1,-1},{1,-1,-1},{1,-1,1},{-1,-1,1})
local cube = g.newMesh(fmt, v, "triangles")
local function persp(fov, aspect, n, f)
  local t = 1 / math.tan(fov / 2)
  return {t/aspect,0,0,0, 0,t,0,0, 0,0,-(f+n)/(f-n),-2*f*n/(f-n), 0,0,-1,0}
end
local function lookRot(a, b)
  local ca, sa, cb, sb = math.cos(a), math.sin(a), math.cos(b), math.sin(b)
  -- rotate around y by a, then x by b, then translate z by -5
  return {ca, 0, sa, 0,  sa*sb, cb, -ca*sb, 0,  -sa*cb, sb, ca*cb, -5,  0,0,0,1}
end
shader:send("projectionMatrix", "row", persp(1.0, 160/120, 0.1, 100))
shader:send("viewMatrix", "row", lookRot(0.6, 0.5))
function love.draw()
  g.setShader(shader)
  g.setDepthMode("lequal", true)
  g.setMeshCullMode("back")
  g.draw(cube)
  g.setMeshCullMode("none")
  g.setDepthMode()
  g.setShader()
end
