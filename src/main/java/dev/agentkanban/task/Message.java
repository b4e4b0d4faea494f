package dev.agentkanban.task;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** The Message object of api spec 3.5. */
    public Map<String, Object> view() {
        return view(id, taskId, senderType, senderId, content, createdAt);
    }

    static Map<String, Object> view(String id, String taskId, String senderType, String senderId, String content,
            String createdAt) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("task_id", taskId);
        out.put("sender_type", senderType);
        out.put("sender_id", senderId);
        out.put("content", content);
        out.put("created_at", createdAt);
        return out;
    }
}
