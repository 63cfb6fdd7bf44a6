package org.mediamonitor.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks each request against its operation in the OpenAPI contract, with vertx-openapi's validator and
 * the same outcome as the router's own check (the validated request in the context, a 400 naming what
 * is wrong), but a request without a body is checked on its event loop. The router's check hands every
 * request to a worker thread and back, in order per event loop: for a search that is two more hand-overs
 * between threads than the search itself needs, and a queue that every request of the loop waits in.
 * Checking a few query parameters against their schemas takes microseconds. A request with a body
 * (up to 64 KB) is still checked on a worker thread.
 */
final class RequestValidation implements Handler<RoutingContext> {
    private final Vertx vertx;
    private final RequestValidatorImpl validator;
    private final RequestExtractor extractor;
    private final Operation operation;

    private RequestValidation(Vertx vertx, RequestValidatorImpl validator, RequestExtractor extractor, Operation operation) {
        this.vertx = vertx;
        this.validator = validator;
        this.extractor = extractor;
        this.operation = operation;
    }

    /** Replaces the router's check of every route by this one; call before adding the routes' handlers. */
    static void install(Vertx vertx, OpenAPIContract contract, RouterBuilder routes, RequestExtractor extractor) {
        RequestValidatorImpl validator = new RequestValidatorImpl(vertx, contract);
        for (OpenAPIRoute route : routes.getRoutes()) {
            route.setDoValidation(false);
            route.addHandler(new RequestValidation(vertx, validator, extractor, route.getOperation()));
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        extractor.extractValidatableRequest(ctx, operation).onComplete(extracted -> {
            if (extracted.failed()) {
                fail(ctx, extracted.cause());
                return;
            }
            ValidatableRequest request = extracted.result();
            if (request.getBody() == null || request.getBody().isEmpty()) {
                ValidatedRequest validated;
                try {
                    validated = validate(request);
                } catch (RuntimeException e) {
                    fail(ctx, e);
                    return;
                }
                pass(ctx, validated);
            } else {
                Future<ValidatedRequest> validated = vertx.executeBlocking(() -> validate(request), false);
                validated.onSuccess(v -> pass(ctx, v)).onFailure(e -> fail(ctx, e));
            }
        });
    }

    private ValidatedRequest validate(ValidatableRequest request) {
        Map<String, RequestParameter> cookies = new HashMap<>();
        Map<String, RequestParameter> headers = new HashMap<>();
        Map<String, RequestParameter> path = new HashMap<>();
        Map<String, RequestParameter> query = new HashMap<>();
        for (Parameter p : operation.getParameters()) {
            switch (p.getIn()) {
                case COOKIE -> cookies.put(p.getName(), validator.validateParameter(p, request.getCookies().get(p.getName())));
                case HEADER -> headers.put(p.getName(), validator.validateParameter(p, request.getHeaders().get(p.getName())));
                case PATH -> path.put(p.getName(), validator.validateParameter(p, request.getPathParameters().get(p.getName())));
                case QUERY -> query.put(p.getName(), validator.validateParameter(p, request.getQuery().get(p.getName())));
            }
        }
        RequestParameter body = validator.validateBody(operation.getRequestBody(), request);
        return new ValidatedRequestImpl(cookies, headers, path, query, body);
    }

    private static void pass(RoutingContext ctx, ValidatedRequest validated) {
        ctx.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
        ctx.next();
    }

    private static void fail(RoutingContext ctx, Throwable failure) {
        ctx.fail(failure instanceof ValidatorException ? new HttpException(400, failure.getMessage(), failure) : failure);
    }
}
