// Swagger UI over the service's own OpenAPI document; kept out of the page so a strict CSP can forbid inline scripts.
window.ui = SwaggerUIBundle({ url: '/openapi.yaml', dom_id: '#api' });
