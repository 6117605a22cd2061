-- A database for a shared Chú Giải library, a group role holding what the app needs, and one
-- login role per coder. Run once as a PostgreSQL superuser (or a role with CREATEDB and
-- CREATEROLE), e.g.  psql -U postgres -f docs/postgresql-setup.sql
-- Change the names and passwords first. Then, from the machine with the library file:
--   chugiai publish postgresql://lan@db.example.org:5432/chugiai?sslmode=require
-- and every coder works with  chugiai --library postgresql://USER@HOST:5432/chugiai?sslmode=require ...
-- (sslmode and other libpq options in the URL are passed to the driver as they are; a password
-- is best kept in ~/.pgpass rather than in the URL).

-- The group: every coder is a member; the tables belong to it, so whoever publishes, the
-- others can read and write them. NOLOGIN: nobody connects as the group itself.
CREATE ROLE chugiai_coders NOLOGIN;

-- One login role per coder (INHERIT: they act with the group's privileges).
CREATE ROLE lan LOGIN INHERIT PASSWORD 'change me' IN ROLE chugiai_coders;
CREATE ROLE minh LOGIN INHERIT PASSWORD 'change me too' IN ROLE chugiai_coders;

-- UTF8: articles are Vietnamese text. TEMPLATE template0 so that the encoding can be chosen.
CREATE DATABASE chugiai OWNER chugiai_coders ENCODING 'UTF8' TEMPLATE template0;

\connect chugiai

-- Only the group may connect and create the tables (publish creates them, in one
-- transaction). PostgreSQL 15 already takes CREATE on schema public from PUBLIC.
REVOKE ALL ON DATABASE chugiai FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE chugiai TO chugiai_coders;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO chugiai_coders;

-- Tables belong to the coder who creates them (the one who runs `publish`); these default
-- privileges let every member of the group read and write what lan or minh creates (list
-- every coder who may publish or upgrade the library). Rows are everyone's to change; the
-- app records who coded what.
ALTER DEFAULT PRIVILEGES FOR ROLE lan, minh IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO chugiai_coders;
ALTER DEFAULT PRIVILEGES FOR ROLE lan, minh IN SCHEMA public
    GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO chugiai_coders;

-- A new coder later:  CREATE ROLE hoa LOGIN INHERIT PASSWORD '...' IN ROLE chugiai_coders;
-- A coder who leaves:  REVOKE chugiai_coders FROM minh;  (their coding stays in the library).
