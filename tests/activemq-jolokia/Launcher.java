// Test rig for the ChatOps ActiveMQ adapter: an embedded ActiveMQ broker (JMX on, no persistence, OpenWire on
// loopback) and real Jolokia serving that JVM's MBeans at /api/jolokia, behind HTTP Basic auth and the Origin check
// ActiveMQ 5.16+ applies. Debian's activemq package has no web console, so this stands in for it.
//
// A small /control endpoint (same credentials) lets tests start a private broker of their own (another BrokerService
// in the same JVM, so its MBeans are served too), hold JMS consumers that never acknowledge (their messages stay in
// flight) and dead-letter messages with a rolled-back transaction, so consumer, in-flight and DLQ figures come from
// the broker itself. Messages are published and queues created through the broker's own JMX operations (Jolokia).
//
// Usage: java -cp <classpath> Launcher <jolokia port> <openwire port> <user> <password>

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.jms.Connection;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.RedeliveryPolicy;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.region.policy.PolicyEntry;
import org.apache.activemq.broker.region.policy.PolicyMap;
import org.apache.activemq.broker.region.policy.SharedDeadLetterStrategy;
import org.jolokia.backend.BackendManager;
import org.jolokia.config.ConfigKey;
import org.jolokia.config.Configuration;
import org.jolokia.http.HttpRequestHandler;
import org.jolokia.util.LogHandler;

public final class Launcher {
    private static final String JOLOKIA = "/api/jolokia";
    private static final Map<String, List<Connection>> CONSUMERS = new HashMap<>();
    private static final Map<String, BrokerService> BROKERS = new HashMap<>();
    private static String expectedAuth;

    public static void main(String[] args) throws Exception {
        int jolokiaPort = Integer.parseInt(args[0]);
        int openwirePort = Integer.parseInt(args[1]);
        expectedAuth = "Basic " + Base64.getEncoder().encodeToString((args[2] + ":" + args[3]).getBytes(StandardCharsets.UTF_8));

        startBroker("localhost", "tcp://127.0.0.1:" + openwirePort);

        LogHandler log = new LogHandler.StdoutLogHandler(false);
        Configuration config = new Configuration(ConfigKey.AGENT_ID, "chatops-test-activemq");
        HttpRequestHandler jolokia = new HttpRequestHandler(config, new BackendManager(config, log), log);

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", jolokiaPort), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext(JOLOKIA, exchange -> guarded(exchange, () -> serveJolokia(jolokia, exchange)));
        server.createContext("/control", exchange -> guarded(exchange, () -> serveControl(exchange)));
        server.start();
        System.out.println("jolokia on http://127.0.0.1:" + jolokiaPort + JOLOKIA + ", openwire on 127.0.0.1:" + openwirePort);
    }

    /**
     * A broker with JMX on the platform MBean server (the one Jolokia serves) and no persistence. The queue MBean's
     * sendTextMessage sends non-persistent messages, which ActiveMQ's default dead-letter strategy drops; the
     * broker setting processNonPersistent (sharedDeadLetterStrategy in activemq.xml) keeps them in ActiveMQ.DLQ.
     */
    private static void startBroker(String name, String connector) throws Exception {
        SharedDeadLetterStrategy deadLetters = new SharedDeadLetterStrategy();
        deadLetters.setProcessNonPersistent(true);
        PolicyEntry policy = new PolicyEntry();
        policy.setDeadLetterStrategy(deadLetters);
        PolicyMap policies = new PolicyMap();
        policies.setDefaultEntry(policy);
        BrokerService broker = new BrokerService();
        broker.setDestinationPolicy(policies);
        broker.setBrokerName(name);
        broker.setPersistent(false);
        broker.setUseJmx(true);
        broker.getManagementContext().setCreateConnector(false);
        broker.setAdvisorySupport(false);
        if (connector != null) {
            broker.addConnector(connector);
        }
        broker.start();
        broker.waitUntilStarted();
        synchronized (BROKERS) {
            BROKERS.put(name, broker);
        }
    }

    private interface Handler {
        void handle() throws Exception;
    }

    /** Basic auth first, then ActiveMQ's Origin/Referer requirement, as the web console applies them. */
    private static void guarded(HttpExchange exchange, Handler handler) throws IOException {
        try {
            if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"ActiveMQRealm\"");
                reply(exchange, 401, "text/plain", "Unauthorized");
                return;
            }

            if (exchange.getRequestHeaders().getFirst("Origin") == null && exchange.getRequestHeaders().getFirst("Referer") == null) {
                reply(exchange, 403, "text/plain", "Origin or Referer header required");
                return;
            }

            handler.handle();
        } catch (Exception ex) {
            reply(exchange, 500, "text/plain", ex.toString());
        } finally {
            exchange.close();
        }
    }

    private static void serveJolokia(HttpRequestHandler jolokia, HttpExchange exchange) throws Exception {
        Map<String, String[]> params = query(exchange.getRequestURI().getRawQuery());
        String uri = exchange.getRequestURI().toString();
        Object answer;
        try {
            if ("POST".equals(exchange.getRequestMethod())) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                answer = jolokia.handlePostRequest(uri, new ByteArrayInputStream(body), "UTF-8", params);
            } else {
                // The path after /api/jolokia, still escaped: Jolokia decodes its own !/ escapes.
                String raw = exchange.getRequestURI().getRawPath();
                String pathInfo = URLDecoder.decode(raw.substring(Math.min(raw.length(), JOLOKIA.length())), StandardCharsets.UTF_8);
                answer = jolokia.handleGetRequest(uri, pathInfo, params);
            }
        } catch (Throwable t) {
            answer = jolokia.handleThrowable(t);
        }

        // Like Jolokia's servlet: HTTP 200, the outcome is in the body's status field.
        reply(exchange, 200, "application/json", answer.toString());
    }

    /**
     * Every action takes broker=B (default localhost):
     * /control/start                            start a private broker named B (no connector; reached in-JVM);
     * /control/stop                             stop it;
     * /control/consume?queue=Q&count=N          attach N consumers that receive (prefetch) but never acknowledge;
     * /control/release?queue=Q                  close them, so their messages go back to the queue;
     * /control/reject?queue=Q&count=N           receive N messages in a transaction and roll back with no
     *                                           redeliveries left, so the broker moves them to its dead-letter queue.
     */
    private static void serveControl(HttpExchange exchange) throws Exception {
        Map<String, String[]> params = query(exchange.getRequestURI().getRawQuery());
        String brokerName = params.containsKey("broker") ? params.get("broker")[0] : "localhost";
        String queue = params.containsKey("queue") ? params.get("queue")[0] : "";
        String key = brokerName + "/" + queue;
        String brokerUrl = "vm://" + brokerName + "?create=false";
        int count = params.containsKey("count") ? Integer.parseInt(params.get("count")[0]) : 1;
        String action = exchange.getRequestURI().getPath().substring("/control/".length());
        int done = 0;
        switch (action) {
            case "start":
                startBroker(brokerName, null);
                done = 1;
                break;
            case "stop":
                List<Connection> open = new ArrayList<>();
                synchronized (CONSUMERS) {
                    CONSUMERS.entrySet().removeIf(e -> e.getKey().startsWith(brokerName + "/") && open.addAll(e.getValue()));
                }
                for (Connection c : open) {
                    c.close();
                }
                BrokerService stopped;
                synchronized (BROKERS) {
                    stopped = "localhost".equals(brokerName) ? null : BROKERS.remove(brokerName);
                }
                if (stopped != null) {
                    stopped.stop();
                    stopped.waitUntilStopped();
                    done = 1;
                }
                break;
            case "consume":
                for (int i = 0; i < count; i++) {
                    Connection c = new ActiveMQConnectionFactory(brokerUrl).createConnection();
                    c.start();
                    Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                    s.createConsumer(s.createQueue(queue));
                    synchronized (CONSUMERS) {
                        CONSUMERS.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
                    }
                    done++;
                }
                break;
            case "release":
                List<Connection> held;
                synchronized (CONSUMERS) {
                    held = CONSUMERS.remove(key);
                }
                if (held != null) {
                    for (Connection c : held) {
                        c.close();
                        done++;
                    }
                }
                break;
            case "reject":
                ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl);
                RedeliveryPolicy none = new RedeliveryPolicy();
                none.setMaximumRedeliveries(0);
                factory.setRedeliveryPolicy(none);
                Connection c = factory.createConnection();
                try {
                    c.start();
                    Session s = c.createSession(true, Session.SESSION_TRANSACTED);
                    MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
                    for (int i = 0; i < count && consumer.receive(5000) != null; i++) {
                        done++;
                    }
                    s.rollback();
                } finally {
                    c.close();
                }
                break;
            default:
                reply(exchange, 404, "text/plain", "unknown control action " + action);
                return;
        }

        reply(exchange, 200, "application/json", "{\"done\":" + done + "}");
    }

    private static Map<String, String[]> query(String raw) {
        Map<String, String[]> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }

        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, new String[] {value});
        }

        return params;
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
