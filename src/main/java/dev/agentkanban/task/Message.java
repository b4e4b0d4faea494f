package dev.agentkanban.task;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Human-agent chat on a task (data model 3.5); not part of the audit log. */
@Entity
@Table(name = "messages")
public class Message extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "task_id")
    public String taskId;
    @Column(name = "sender_type")
    public String senderType;
    @Column(name = "sender_id")
    public String senderId;
    public String content;
    @Column(name = "created_at")
    public String createdAt;

    public ChatMessage view() {
        return new ChatMessage(id, taskId, senderType, senderId, content, createdAt);
    }
}
