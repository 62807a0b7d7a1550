package io.minibase.catalog.sharecode;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import io.micrometer.core.instrument.MeterRegistry;
import io.minibase.catalog.product.ProductStatus;
import io.minibase.common.web.Ids;
import io.minibase.common.wechat.WeChatApi;
import io.minibase.common.wechat.WeChatError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The mini-program code that opens a product's page ({@code getwxacodeunlimit}, scene =
 * the product id), made once per product and page and kept in catalog's schema (ADR 18):
 * a code never changes for the same page and scene, so it is asked of WeChat the first
 * time only. Two first requests at once may both ask; the first stored is the one kept.
 */
@Service
class ShareCodes {

	private static final Logger log = LoggerFactory.getLogger(ShareCodes.class);

	static final String API = "getwxacodeunlimit";

	private static final byte[] PNG_MAGIC = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	private final ShareCodeMapper codes;

	private final WeChatApi wechat;

	private final ShareCodeProperties settings;

	private final MeterRegistry meters;

	ShareCodes(ShareCodeMapper codes, WeChatApi wechat, ShareCodeProperties settings, MeterRegistry meters) {
		this.codes = codes;
		this.wechat = wechat;
		this.settings = settings;
		this.meters = meters;
	}

	/**
	 * The code of a product on sale.
	 * @throws NoSuchProduct for an unknown or off-shelf product
	 * @throws io.minibase.common.wechat.WeChatUnavailable while WeChat is down (503)
	 * @throws ShareCodeRefused when WeChat refuses to make it (502)
	 */
	ShareCode of(String id) {
		long productId = productId(id);
		ShareCodeMapper.Stored stored = this.codes.find(productId, this.settings.page());
		if (stored == null || stored.status() != ProductStatus.ON_SALE) {
			throw new NoSuchProduct();
		}
		if (stored.png() != null) {
			count("stored");
			return new ShareCode(stored.png(), stored.sha256());
		}
		byte[] png = asPng(make(productId));
		this.codes.insertIfAbsent(productId, this.settings.page(), png, sha256(png));
		count("made");
		ShareCodeMapper.Stored kept = this.codes.find(productId, this.settings.page());
		return new ShareCode(kept.png(), kept.sha256());
	}

	private byte[] make(long productId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("scene", String.valueOf(productId));
		body.put("page", this.settings.page());
		body.put("check_path", this.settings.checkPath());
		body.put("env_version", this.settings.envVersion());
		body.put("width", this.settings.width());
		try {
			return this.wechat.postForBinary(API, "/wxa/getwxacodeunlimit", body).bytes();
		}
		catch (WeChatError ex) {
			log.warn("No share code for product {}: {}", productId, ex.getMessage());
			count("refused");
			throw new ShareCodeRefused();
		}
	}

	/**
	 * WeChat's codes come labelled {@code image/jpeg} whatever they are; the answer is
	 * {@code image/png}, so anything else is turned into a PNG once, before it is kept.
	 */
	static byte[] asPng(byte[] image) {
		if (image.length > PNG_MAGIC.length
				&& Arrays.equals(image, 0, PNG_MAGIC.length, PNG_MAGIC, 0, PNG_MAGIC.length)) {
			return image;
		}
		try {
			BufferedImage read = ImageIO.read(new ByteArrayInputStream(image));
			if (read == null) {
				throw new IOException("not an image");
			}
			ByteArrayOutputStream png = new ByteArrayOutputStream();
			ImageIO.write(read, "png", png);
			return png.toByteArray();
		}
		catch (IOException ex) {
			log.warn("WeChat's share code is no readable image: {}", ex.getMessage());
			throw new ShareCodeRefused();
		}
	}

	private void count(String outcome) {
		this.meters.counter("catalog.share.codes", "outcome", outcome).increment();
	}

	private static long productId(String id) {
		// product ids are positive BIGINTs; anything else names no product
		if (!Ids.isId(id)) {
			throw new NoSuchProduct();
		}
		return Long.parseLong(id);
	}

	private static String sha256(byte[] bytes) {
		try {
			return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
