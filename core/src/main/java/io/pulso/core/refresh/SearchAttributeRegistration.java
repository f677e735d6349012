package io.pulso.core.refresh;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the search attributes refresh runs carry, so runs can be filtered in the Temporal UI
 * ({@code PulsoTable = "operation_data"}). Servers without the operator API (the embedded test server) answer
 * UNIMPLEMENTED: runs then start without search attributes, since a start with unregistered ones is refused.
 */
public final class SearchAttributeRegistration {

    public static final SearchAttributeKey<String> TABLE = SearchAttributeKey.forKeyword("PulsoTable");
    public static final SearchAttributeKey<String> TRIGGER = SearchAttributeKey.forKeyword("PulsoTrigger");
    private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistration.class);

    private SearchAttributeRegistration() {
    }

    /** True when the attributes exist on the server (registered now or before). */
    public static boolean register(WorkflowClient client) {
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setChannel(client.getWorkflowServiceStubs().getRawChannel()).validateAndBuildWithDefaults());
        try {
            operator.blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS).addSearchAttributes(AddSearchAttributesRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .putSearchAttributes(TABLE.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                    .putSearchAttributes(TRIGGER.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                    .build());
            log.info("search attributes {} and {} registered", TABLE.getName(), TRIGGER.getName());
            return true;
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (code == Status.Code.ALREADY_EXISTS) {
                return true;
            }
            log.info("search attributes not available on this Temporal server ({}); runs start without them", code);
            return false;
        } finally {
            operator.shutdown();
        }
    }
}
