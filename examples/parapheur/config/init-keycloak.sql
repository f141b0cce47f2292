CREATE USER keycloak WITH PASSWORD 'demo-keycloak-db';
CREATE DATABASE keycloak OWNER keycloak;
