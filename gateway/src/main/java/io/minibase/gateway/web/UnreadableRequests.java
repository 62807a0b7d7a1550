package io.minibase.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.NettyPipeline;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Answers the requests Netty's HTTP codec cannot read (a request line over the limit, too
 * many header bytes, a malformed request) with problem+json and an {@code X-Trace-Id}, as
 * every other answer: Reactor Netty itself sends those with an empty body, before any of
 * WebFlux (or this gateway's error handling) sees them.
 */
@Component
class UnreadableRequests implements NettyServerCustomizer {

	static final String HANDLER = "minibase.unreadableRequests";

	@Override
	public reactor.netty.http.server.HttpServer apply(reactor.netty.http.server.HttpServer server) {
		return server.doOnChannelInit((observer, channel, remote) -> {
			if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null
					&& channel.pipeline().get(HANDLER) == null) {
				channel.pipeline().addBefore(NettyPipeline.HttpTrafficHandler, HANDLER, new Handler());
			}
		});
	}

	/**
	 * One per connection: after an unreadable request the connection is answered and
	 * closed.
	 */
	static final class Handler extends ChannelInboundHandlerAdapter {

		private static final Logger log = LoggerFactory.getLogger(UnreadableRequests.class);

		private boolean answered;

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			if (this.answered) {
				// what the codec still hands on from the unreadable request
				ReferenceCountUtil.release(message);
				return;
			}
			if (message instanceof HttpRequest request && request.decoderResult().isFailure()) {
				this.answered = true;
				DecoderResult result = request.decoderResult();
				ReferenceCountUtil.release(message);
				answer(context, result.cause());
				return;
			}
			if (message instanceof HttpObject object && object.decoderResult().isFailure()) {
				// a body chunk the codec could not read: the request is over, answered
				// 400
				this.answered = true;
				Throwable cause = object.decoderResult().cause();
				ReferenceCountUtil.release(message);
				answer(context, cause);
				return;
			}
			context.fireChannelRead(message);
		}

		private void answer(ChannelHandlerContext context, Throwable cause) {
			HttpResponseStatus status;
			String detail;
			if (cause instanceof TooLongHttpLineException) {
				status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
				detail = "The request line is longer than the gateway reads (server.netty.max-initial-line-length)";
			}
			else if (cause instanceof TooLongHttpHeaderException) {
				status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
				detail = "The request's headers are larger than the gateway reads (server.max-http-request-header-size)";
			}
			else if (cause instanceof TooLongFrameException) {
				status = HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
				detail = "A part of the request is larger than the gateway reads";
			}
			else {
				status = HttpResponseStatus.BAD_REQUEST;
				detail = "The request is not well-formed HTTP";
			}
			// RFC 9110's names, as every other problem of the gateway has them
			String title = HttpStatus.valueOf(status.code()).getReasonPhrase();
			status = new HttpResponseStatus(status.code(), title);
			String traceId = HexFormat.of().formatHex(randomBytes());
			log.warn("{} {} (trace {}): {}", status.code(), status.reasonPhrase(), traceId,
					(cause != null) ? cause.getMessage() : "unreadable");
			String body = "{\"type\":\"about:blank\",\"title\":\"" + status.reasonPhrase() + "\",\"status\":"
					+ status.code() + ",\"detail\":\"" + detail + "\",\"instance\":\"/\",\"traceId\":\"" + traceId
					+ "\"}";
			ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
			response.headers()
				.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
				.set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
				.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
				.set(ExchangeTraceIds.HEADER, traceId);
			context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
		}

		private static byte[] randomBytes() {
			byte[] bytes = new byte[16];
			ThreadLocalRandom.current().nextBytes(bytes);
			bytes[0] |= 1; // never the all-zero id W3C forbids
			return bytes;
		}

	}

}
