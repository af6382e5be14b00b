package io.opencmq.protocol.sqs;

import io.opencmq.core.QueueService;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link QueueService} whose methods a test answers one by one, by name, recording each
 * call's arguments; any other method fails the test. Lets the SQS front be tested on what it
 * asks of the core and how it words the answer, independently of the engine.
 */
public final class StubQueueService {

    private final Map<String, Function<Object[], Object>> answers = new HashMap<>();
    private final Map<String, List<Object[]>> calls = new HashMap<>();
    private final QueueService service = (QueueService) Proxy.newProxyInstance(QueueService.class.getClassLoader(),
            new Class<?>[] {QueueService.class}, (proxy, method, args) -> {
                Object[] given = args == null ? new Object[0] : args;
                if (method.getDeclaringClass() == Object.class) {
                    return method.getName().equals("toString") ? "StubQueueService" : method.invoke(this, given);
                }
                calls.computeIfAbsent(method.getName(), n -> new ArrayList<>()).add(given);
                Function<Object[], Object> answer = answers.get(method.getName());
                if (answer == null) {
                    throw new AssertionError("unexpected call of QueueService." + method.getName());
                }
                return answer.apply(given);
            });

    /** Answers every call of {@code method} (any overload) with {@code answer}. */
    public StubQueueService on(String method, Function<Object[], Object> answer) {
        answers.put(method, answer);
        return this;
    }

    public QueueService service() {
        return service;
    }

    /** The arguments of each call of {@code method}, in order. */
    public List<Object[]> calls(String method) {
        return calls.getOrDefault(method, List.of());
    }
}
