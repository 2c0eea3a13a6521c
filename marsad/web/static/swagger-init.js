// Swagger UI over the local OpenAPI document (a file, not inline: the CSP forbids inline script).
window.addEventListener("load", function () {
  if (typeof SwaggerUIBundle === "undefined") { return; }
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
