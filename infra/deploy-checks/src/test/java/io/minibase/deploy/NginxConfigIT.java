package io.minibase.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nginx -t} on infra/nginx as it is, with only the paths of the machine (the
 * certificate, logs, pid) moved into a temporary folder, and a self-signed certificate
 * standing in for Let's Encrypt's.
 */
class NginxConfigIT {

	private static final String INSTALL = "apt-get install -y nginx-light (Debian/Ubuntu) or your system's nginx package";

	@TempDir
	Path dir;

	@Test
	void theOneBoxConfigurationPassesNginxTest() throws IOException {
		Path nginx = Tools.require("nginx", INSTALL);
		Path conf = this.dir.resolve("nginx");
		Tools.copyTree(Tools.repoRoot().resolve("infra/nginx"), conf);
		selfSignedCertificate(conf);
		Map<String, String> machinePaths = Map.of("/etc/letsencrypt/live/api.example.com", conf.toString(),
				"/var/log/nginx", conf.toString(), "/run/nginx.pid", conf.resolve("nginx.pid").toString(),
				"/var/www/certbot", conf.toString(), "user www-data;", "");
		for (String file : List.of("nginx.conf", "minibase.conf")) {
			String text = Files.readString(conf.resolve(file));
			for (Map.Entry<String, String> path : machinePaths.entrySet()) {
				text = text.replace(path.getKey(), path.getValue());
			}
			Files.writeString(conf.resolve(file), text);
		}

		Tools.Result result = Tools
			.run(List.of(nginx.toString(), "-t", "-p", conf.toString(), "-c", conf.resolve("nginx.conf").toString()),
					conf, Map.of(), Duration.ofSeconds(30))
			.assertSuccess("nginx -t");
		assertThat(result.output()).contains("syntax is ok").contains("test is successful");
	}

	private void selfSignedCertificate(Path conf) {
		Path openssl = Tools.require("openssl", "apt-get install -y openssl");
		Tools.run(
				List.of(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
						"/CN=api.example.com", "-keyout", "privkey.pem", "-out", "fullchain.pem"),
				conf, Map.of(), Duration.ofSeconds(60))
			.assertSuccess("openssl req");
		try {
			Files.copy(conf.resolve("fullchain.pem"), conf.resolve("chain.pem"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
