package io.minibase.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * A small OTLP/HTTP trace receiver (protobuf, {@code POST /v1/traces}): what Jaeger would
 * receive from the stack, kept in memory so a test can look at one trace.
 */
final class OtlpReceiver implements AutoCloseable {

	/** One received span: the service that sent it, its trace, name and kind. */
	record ReceivedSpan(String service, String traceId, String name, String kind) {
	}

	private final HttpServer server;

	private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

	private OtlpReceiver(HttpServer server) {
		this.server = server;
	}

	static OtlpReceiver start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			OtlpReceiver receiver = new OtlpReceiver(server);
			server.createContext("/v1/traces", receiver::receive);
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The base URL, as {@code OTEL_EXPORTER_OTLP_ENDPOINT} takes it. */
	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** The spans received so far of one trace. */
	List<ReceivedSpan> trace(String traceId) {
		return this.spans.stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!exchange.getRequestMethod().equals("POST")) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			InputStream body = exchange.getRequestBody();
			if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				body = new GZIPInputStream(body);
			}
			ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body.readAllBytes());
			List<ReceivedSpan> received = new ArrayList<>();
			for (ResourceSpans resource : request.getResourceSpansList()) {
				String service = resource.getResource()
					.getAttributesList()
					.stream()
					.filter((attribute) -> attribute.getKey().equals("service.name"))
					.map(KeyValue::getValue)
					.map((value) -> value.getStringValue())
					.findFirst()
					.orElse("?");
				for (ScopeSpans scope : resource.getScopeSpansList()) {
					scope.getSpansList()
						.forEach((span) -> received
							.add(new ReceivedSpan(service, HexFormat.of().formatHex(span.getTraceId().toByteArray()),
									span.getName(), span.getKind().name())));
				}
			}
			this.spans.addAll(received);
			byte[] ok = ExportTraceServiceRequest.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, (ok.length == 0) ? -1 : ok.length);
			if (ok.length > 0) {
				exchange.getResponseBody().write(ok);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
