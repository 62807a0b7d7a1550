package io.minibase.wechatstub;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import tools.jackson.databind.JsonNode;

/**
 * The access_token APIs a shop calls after an order: subscribe messages
 * ({@code /cgi-bin/message/subscribe/send}), shipping information for WeChat's order
 * management ({@code /wxa/sec/order/upload_shipping_info}) and mini-program codes
 * ({@code /wxa/getwxacodeunlimit}), with WeChat's errcodes. It keeps what it was sent, so
 * tests (and the local stack's log) can see the messages and uploads.
 *
 * <p>
 * Rules (docs/wechat-stub.md): a {@code touser} containing {@code nosub} has not
 * subscribed (43101); a tracking number starting {@code NOTYET} belongs to a payment
 * WeChat does not know yet (10060001) for the first two uploads of its order; a third
 * upload of one order has used its one re-shipment (10060003); a scene over 32 characters
 * is 40169, a page starting with {@code /} or containing {@code missing} is 41030.
 */
final class ShopPlatformStub {

	static final String SUBSCRIBE_SEND = "/cgi-bin/message/subscribe/send";

	static final String UPLOAD_SHIPPING = "/wxa/sec/order/upload_shipping_info";

	static final String SHARE_CODE = "/wxa/getwxacodeunlimit";

	/** The characters WeChat allows in a scene. */
	private static final Pattern SCENE = Pattern.compile("[0-9A-Za-z!#$&'()*+,/:;=?@._~-]{1,32}");

	private static final Pattern MINIPROGRAM_STATE = Pattern.compile("formal|trial|developer");

	private final AtomicLong messageIds = new AtomicLong(2_000_000_000L);

	private final List<JsonNode> messages = new CopyOnWriteArrayList<>();

	private final List<JsonNode> uploads = new CopyOnWriteArrayList<>();

	/** Uploads per order key, for the not-yet-known payments and the re-shipment rule. */
	private final Map<String, AtomicInteger> uploadsPerOrder = new ConcurrentHashMap<>();

	private final AtomicInteger shareCodes = new AtomicInteger();

	/** WeChat's JSON answer to a subscribe message. */
	String subscribeSend(JsonNode request) {
		String touser = request.path("touser").asString("");
		if (touser.isBlank()) {
			return PlatformStub.error(40003, "invalid openid");
		}
		if (request.path("template_id").asString("").isBlank()) {
			return PlatformStub.error(40037, "invalid template_id");
		}
		JsonNode data = request.path("data");
		if (!data.isObject() || data.isEmpty()) {
			return PlatformStub.error(47003, "argument invalid! data is empty");
		}
		for (Map.Entry<String, JsonNode> field : data.properties()) {
			if (!field.getValue().path("value").isString()) {
				return PlatformStub.error(47003, "argument invalid! data." + field.getKey() + ".value is empty");
			}
		}
		String state = request.path("miniprogram_state").asString("formal");
		if (!MINIPROGRAM_STATE.matcher(state).matches()) {
			return PlatformStub.error(47003, "argument invalid! miniprogram_state");
		}
		if (touser.contains("nosub")) {
			return PlatformStub.error(43101, "user refuse to accept the msg");
		}
		this.messages.add(request);
		return "{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":" + this.messageIds.incrementAndGet() + "}";
	}

	/** WeChat's JSON answer to an upload of shipping information. */
	String uploadShipping(JsonNode request) {
		JsonNode key = request.path("order_key");
		int type = key.path("order_number_type").asInt(0);
		String orderKey = switch (type) {
			case 1 -> key.path("mchid").asString("") + "/" + key.path("out_trade_no").asString("");
			case 2 -> key.path("transaction_id").asString("");
			default -> "";
		};
		if (orderKey.isBlank() || orderKey.startsWith("/") || orderKey.endsWith("/")) {
			return PlatformStub.error(47001, "data format error: order_key");
		}
		int logistics = request.path("logistics_type").asInt(0);
		int mode = request.path("delivery_mode").asInt(0);
		JsonNode shipping = request.path("shipping_list");
		if (logistics < 1 || logistics > 4 || (mode != 1 && mode != 2) || !shipping.isArray() || shipping.isEmpty()
				|| request.path("upload_time").asString("").isBlank()
				|| request.path("payer").path("openid").asString("").isBlank()) {
			return PlatformStub.error(47001, "data format error");
		}
		boolean notYetKnown = false;
		for (JsonNode item : shipping) {
			if (item.path("item_desc").asString("").isBlank()) {
				return PlatformStub.error(47001, "data format error: item_desc");
			}
			String trackingNo = item.path("tracking_no").asString("");
			if (logistics == 1 && (trackingNo.isBlank() || item.path("express_company").asString("").isBlank())) {
				return PlatformStub.error(47001, "data format error: tracking_no and express_company");
			}
			notYetKnown |= trackingNo.startsWith("NOTYET");
		}
		int attempt = this.uploadsPerOrder.computeIfAbsent(orderKey, (k) -> new AtomicInteger()).incrementAndGet();
		if (notYetKnown && attempt <= 2) {
			return PlatformStub.error(10060001, "支付单不存在");
		}
		if (attempt > (notYetKnown ? 4 : 2)) {
			return PlatformStub.error(10060003, "支付单已使用重新发货机会");
		}
		this.uploads.add(request);
		return "{\"errcode\":0,\"errmsg\":\"ok\"}";
	}

	/** The PNG of a mini-program code, or null with the error in {@code error[0]}. */
	byte[] shareCode(JsonNode request, String[] error) {
		String scene = request.path("scene").asString("");
		if (!SCENE.matcher(scene).matches()) {
			error[0] = PlatformStub.error(40169, "invalid length for scene, or the data is not json string");
			return null;
		}
		String page = request.path("page").asString("");
		if (page.startsWith("/") || page.contains("missing")) {
			error[0] = PlatformStub.error(41030, "invalid page rid: stub");
			return null;
		}
		this.shareCodes.incrementAndGet();
		return png(page + "?" + scene, request.path("width").asInt(430));
	}

	List<JsonNode> messages() {
		return List.copyOf(this.messages);
	}

	List<JsonNode> uploads() {
		return List.copyOf(this.uploads);
	}

	int shareCodes() {
		return this.shareCodes.get();
	}

	/**
	 * A small, real PNG whose pixels depend on what it encodes: not a code a phone can
	 * scan, but one image per page and scene, as WeChat's are.
	 */
	private static byte[] png(String content, int width) {
		int size = Math.max(32, Math.min(width, 1280) / 10);
		BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
		byte[] bits = sha256(content);
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				int cell = ((x / 4) * 16 + (y / 4)) % 256;
				boolean dark = ((bits[cell / 8] >> (cell % 8)) & 1) == 1;
				image.setRGB(x, y, dark ? 0xFF000000 : 0xFFFFFFFF);
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static byte[] sha256(String content) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
