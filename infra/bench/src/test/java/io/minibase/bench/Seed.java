package io.minibase.bench;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The shop the bench shops in, made through the public admin API before the load starts:
 * a few categories of on-sale products with plenty of stock, and (when file-service takes
 * uploads) one product photo that every product shows; apart from them, each in a
 * category of its own, the flash sale's product with little stock and the product of the
 * fixed-rate order phases with plenty.
 */
final class Seed {

	static final ObjectMapper JSON = new ObjectMapper();

	static final int CATEGORIES = 3;

	static final int PRODUCTS_PER_CATEGORY = 10;

	/** Stock no bench run can sell out: a rejected order would measure the wrong path. */
	static final int STOCK = 1_000_000;

	static final List<String> categoryIds = new ArrayList<>();

	static final List<String> productIds = new ArrayList<>();

	static volatile String imageId;

	/**
	 * The flash sale's product, alone in its category: listing that category reads its
	 * stock from MySQL, past the product cache. No other phase picks it.
	 */
	static volatile Product flashSale;

	/** The fixed-rate order phases' product, alone in its category likewise. */
	static volatile Product orderRates;

	/** A product the bench reads the stock of: its id and the category it is alone in. */
	record Product(String id, String categoryId, int stock) {
	}

	/** What the upload probe found: {@code available}, a note, image sizes. */
	static final Map<String, Object> files = new LinkedHashMap<>();

	static byte[] photo;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final BenchSettings settings;

	Seed(BenchSettings settings) {
		this.settings = settings;
	}

	void run() throws IOException, InterruptedException {
		photo = photo();
		String runId = Long.toString(System.currentTimeMillis(), 36);
		probeUploads(login("bench" + runId));
		String admin = adminToken();
		Random random = new Random(42);
		for (int c = 0; c < CATEGORIES; c++) {
			JsonNode category = send("POST", "/api/admin/catalog/categories", admin,
					Map.of("name", "bench-" + runId + "-" + c, "sort", c), 201);
			categoryIds.add(category.get("id").asText());
			for (int p = 0; p < PRODUCTS_PER_CATEGORY; p++) {
				Map<String, Object> product = new LinkedHashMap<>();
				product.put("name", "bench product " + runId + " " + c + "-" + p);
				product.put("description", "A product the load bench made: " + "lorem ipsum ".repeat(20));
				product.put("priceFen", 100 + random.nextInt(20_000));
				product.put("stock", STOCK);
				product.put("categoryId", category.get("id").asText());
				if (imageId != null) {
					product.put("imageFileIds", List.of(imageId));
				}
				productIds.add(send("POST", "/api/admin/catalog/products", admin, product, 201).get("id").asText());
			}
		}
		flashSale = productAlone(admin, runId, "flash-sale", CATEGORIES, this.settings.flashSaleStock(),
				"The product of the bench's flash sale: fewer units than buyers.");
		orderRates = productAlone(admin, runId, "order-rates", CATEGORIES + 1, STOCK,
				"The product of the bench's fixed-rate order phases: more units than they order.");
	}

	private Product productAlone(String admin, String runId, String name, int sort, int stock, String description)
			throws IOException, InterruptedException {
		String categoryId = send("POST", "/api/admin/catalog/categories", admin,
				Map.of("name", "bench-" + runId + "-" + name, "sort", sort), 201)
			.get("id")
			.asText();
		Map<String, Object> product = new LinkedHashMap<>();
		product.put("name", "bench " + name + " product " + runId);
		product.put("description", description);
		product.put("priceFen", 990);
		product.put("stock", stock);
		product.put("categoryId", categoryId);
		String id = send("POST", "/api/admin/catalog/products", admin, product, 201).get("id").asText();
		return new Product(id, categoryId, stock);
	}

	/** A user's access token through the WeChat stub ({@code mock-<user>-<once>}). */
	String login(String user) throws IOException, InterruptedException {
		return send("POST", "/api/auth/wechat/login", null, Map.of("code", "mock-" + user + "-" + UUID.randomUUID()),
				200)
			.get("accessToken")
			.asText();
	}

	private String adminToken() throws IOException, InterruptedException {
		if (!Files.isRegularFile(this.settings.adminPasswordFile())) {
			throw new IllegalStateException("No admin password at " + this.settings.adminPasswordFile().toAbsolutePath()
					+ ": is the local stack (infra/local/run) running from this work tree?");
		}
		String password = Files.readString(this.settings.adminPasswordFile()).trim();
		return send("POST", "/api/admin/auth/login", null, Map.of("username", "admin", "password", password), 200)
			.get("accessToken")
			.asText();
	}

	/**
	 * Uploads the photo once: a 201 turns on the upload and image scenarios and measures
	 * what a thumbnail saves; anything else turns them off with a note, so a stack whose
	 * file-service has no API yet still gets a bench run.
	 */
	private void probeUploads(String token) throws IOException, InterruptedException {
		String boundary = "bench" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\n"
				+ "Content-Type: image/jpeg\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.write(photo);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> upload = this.http
			.send(HttpRequest.newBuilder(URI.create(this.settings.gateway() + "/api/files"))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.timeout(Duration.ofSeconds(10))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
				.build(), HttpResponse.BodyHandlers.ofString());
		files.put("uploadProbeStatus", upload.statusCode());
		if (upload.statusCode() != 201) {
			files.put("available", false);
			files.put("note", "POST /api/files answered " + upload.statusCode()
					+ " instead of 201: file-service's API is not there yet, upload and image scenarios skipped");
			return;
		}
		imageId = JSON.readTree(upload.body()).get("id").asText();
		long original = bytes("/api/files/" + imageId);
		long thumbnail = bytes("/api/files/" + imageId + "?w=200");
		files.put("available", true);
		files.put("photoBytes", photo.length);
		files.put("originalBytes", original);
		files.put("thumbnailW200Bytes", thumbnail);
		if (original > 0 && thumbnail > 0) {
			files.put("thumbnailSavesPercent", Math.round(1000.0 * (original - thumbnail) / original) / 10.0);
		}
	}

	private long bytes(String path) throws IOException, InterruptedException {
		HttpResponse<byte[]> response = this.http
			.send(HttpRequest.newBuilder(URI.create(this.settings.gateway() + path))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		return (response.statusCode() == 200) ? response.body().length : -response.statusCode();
	}

	private JsonNode send(String method, String path, String token, Object body, int expected)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.settings.gateway() + path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != expected) {
			throw new IllegalStateException(
					method + " " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	/** A product photo of about the size a shop uploads: 1200x1200 JPEG with detail. */
	private static byte[] photo() {
		BufferedImage image = new BufferedImage(1200, 1200, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setPaint(new GradientPaint(0, 0, new Color(250, 200, 120), 1200, 1200, new Color(40, 90, 160)));
		g.fillRect(0, 0, 1200, 1200);
		Random random = new Random(7);
		for (int i = 0; i < 400; i++) {
			g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 90));
			g.fillOval(random.nextInt(1200), random.nextInt(1200), 20 + random.nextInt(120), 20 + random.nextInt(120));
		}
		g.dispose();
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(image, "jpg", out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
