-- First start of the MySQL container only: one schema per service and the application
-- user (its password comes from DB_PASSWORD through MYSQL_PASSWORD; MySQL's entrypoint
-- creates the user "minibase" before running this file).
CREATE DATABASE IF NOT EXISTS auth CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS catalog CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS orders CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS files CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
GRANT ALL PRIVILEGES ON auth.* TO 'minibase'@'%';
GRANT ALL PRIVILEGES ON catalog.* TO 'minibase'@'%';
GRANT ALL PRIVILEGES ON orders.* TO 'minibase'@'%';
GRANT ALL PRIVILEGES ON files.* TO 'minibase'@'%';
