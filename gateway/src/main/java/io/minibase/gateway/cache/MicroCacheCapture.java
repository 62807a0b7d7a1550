package io.minibase.gateway.cache;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Keeps a forwarded answer that {@link MicroCacheGatewayFilterFactory} marked as a miss.
 * It has to sit before {@link NettyWriteResponseFilter}, which writes the service's
 * answer to the response it was given, and so before the route's filters: it only wraps
 * the response of catalog reads, and decides at write time from the mark.
 */
@Component
class MicroCacheCapture implements GlobalFilter, Ordered {

	private final MicroCache cache;

	MicroCacheCapture(MicroCache cache) {
		this.cache = cache;
	}

	@Override
	public int getOrder() {
		return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (!HttpMethod.GET.equals(exchange.getRequest().getMethod())
				|| !exchange.getRequest().getPath().value().startsWith("/api/catalog/")) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate().response(new Capturing(exchange)).build());
	}

	private final class Capturing extends ServerHttpResponseDecorator {

		private final ServerWebExchange exchange;

		Capturing(ServerWebExchange exchange) {
			super(exchange.getResponse());
			this.exchange = exchange;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			String key = this.exchange.getAttribute(MicroCacheGatewayFilterFactory.MISS_KEY);
			ServerHttpResponse response = getDelegate();
			if (key == null || !HttpStatus.OK.equals(response.getStatusCode())
					|| !MicroCache.shareable(response.getHeaders(), Duration.ZERO)) {
				return super.writeWith(body);
			}
			response.getHeaders()
				.set(MicroCacheGatewayFilterFactory.CACHE_STATUS,
						MicroCacheGatewayFilterFactory.CACHE_NAME + "; fwd=miss");
			// the answer streams on to the client as it comes; a copy is kept on the side
			// (services answer JSON chunked, without a length), given up past the limit
			Copy copy = new Copy(MicroCacheCapture.this.cache.maxEntryBytes());
			return super.writeWith(Flux.from(body)
				.doOnNext(copy::append)
				.doOnComplete(() -> copy.keep(MicroCacheCapture.this.cache, key, response.getHeaders())));
		}

	}

	/** The bytes of one answer as they pass, up to a limit. */
	private static final class Copy {

		private final long limit;

		private ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);

		Copy(long limit) {
			this.limit = limit;
		}

		void append(DataBuffer buffer) {
			if (this.bytes == null) {
				return;
			}
			if (this.bytes.size() + buffer.readableByteCount() > this.limit) {
				this.bytes = null;
				return;
			}
			// read without consuming: the same buffer is written to the client next
			try (DataBuffer.ByteBufferIterator buffers = buffer.readableByteBuffers()) {
				while (buffers.hasNext()) {
					ByteBuffer chunk = buffers.next();
					byte[] part = new byte[chunk.remaining()];
					chunk.get(part);
					this.bytes.writeBytes(part);
				}
			}
		}

		void keep(MicroCache cache, String key, HttpHeaders headers) {
			if (this.bytes != null) {
				cache.storeIfShareable(key, headers, this.bytes.toByteArray());
			}
		}

	}

}
