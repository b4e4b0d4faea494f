package dev.agentkanban.board;

public record BoardCreated(String ownerId) {}
