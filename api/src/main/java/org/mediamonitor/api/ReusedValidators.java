package org.mediamonitor.api;

import io.vertx.core.file.FileSystem;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaException;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.contract.Server;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API's OpenAPI contract, with each schema's validator built once. The request validator of
 * vertx-openapi asks the contract's schema repository for a new validator for every parameter of
 * every request, and building one copies every schema of the document; under load that was most of
 * the time a request took. The schemas of a contract never change, so this contract hands out the
 * validator it built the first time for the same schema. Everything else is the contract's own.
 */
final class ReusedValidators implements OpenAPIContract {
    private final OpenAPIContract contract;
    private final SchemaRepository repository;

    ReusedValidators(OpenAPIContract contract) {
        this.contract = contract;
        this.repository = new Repository(contract.getSchemaRepository());
    }

    @Override
    public SchemaRepository getSchemaRepository() {
        return repository;
    }

    @Override
    public Operation operation(String operationId) {
        return contract.operation(operationId);
    }

    @Override
    public List<Operation> operations() {
        return contract.operations();
    }

    @Override
    public List<Path> getPaths() {
        return contract.getPaths();
    }

    @Override
    public JsonObject getRawContract() {
        return contract.getRawContract();
    }

    @Override
    public OpenAPIVersion getVersion() {
        return contract.getVersion();
    }

    @Override
    public List<Server> getServers() {
        return contract.getServers();
    }

    @Override
    public Path findPath(String path) {
        return contract.findPath(path);
    }

    @Override
    public Operation findOperation(String path, HttpMethod method) {
        return contract.findOperation(path, method);
    }

    @Override
    public List<SecurityRequirement> getSecurityRequirements() {
        return contract.getSecurityRequirements();
    }

    @Override
    public SecurityScheme securityScheme(String name) {
        return contract.securityScheme(name);
    }

    /** The contract's repository, keeping the validator of each schema object (by identity: the contract's schemas are fixed objects). */
    private static final class Repository implements SchemaRepository {
        private record Key(JsonSchema schema) {
            @Override
            public boolean equals(Object other) {
                return other instanceof Key k && k.schema == schema;
            }

            @Override
            public int hashCode() {
                return System.identityHashCode(schema);
            }
        }

        private final SchemaRepository repository;
        private final Map<Key, Validator> validators = new ConcurrentHashMap<>();

        Repository(SchemaRepository repository) {
            this.repository = repository;
        }

        @Override
        public Validator validator(JsonSchema schema) {
            return validators.computeIfAbsent(new Key(schema), k -> repository.validator(schema));
        }

        @Override
        public SchemaRepository dereference(JsonSchema schema) throws SchemaException {
            repository.dereference(schema);
            return this;
        }

        @Override
        public SchemaRepository dereference(String uri, JsonSchema schema) throws SchemaException {
            repository.dereference(uri, schema);
            return this;
        }

        @Override
        public SchemaRepository preloadMetaSchema(FileSystem fs) {
            repository.preloadMetaSchema(fs);
            return this;
        }

        @Override
        public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
            repository.preloadMetaSchema(fs, draft);
            return this;
        }

        @Override
        public Validator validator(String ref) {
            return repository.validator(ref);
        }

        @Override
        public Validator validator(String ref, JsonSchemaOptions options) {
            return repository.validator(ref, options);
        }

        @Override
        public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
            return repository.validator(schema, options, dereference);
        }

        @Override
        public JsonObject resolve(JsonObject schema) {
            return repository.resolve(schema);
        }

        @Override
        public JsonSchema find(String uri) {
            return repository.find(uri);
        }
    }
}
