"""Tests of the transports: the local socket server and client, provider tokens."""
