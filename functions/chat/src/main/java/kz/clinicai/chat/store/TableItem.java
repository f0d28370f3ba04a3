package kz.clinicai.chat.store;

/**
 * One item of the chat table, whatever its kind (chat meta, message, outbox marker, operator, route...).
 *
 * <p>All kinds share one mutable class and one static schema: the table is single-table by design (one chat
 * lives in one partition), and a static schema avoids bean reflection at cold start. Unused attributes stay
 * null and are not written (puts skip nulls; updates use {@code ignoreNulls}).
 */
public final class TableItem {

    private String pk;
    private String sk;
    private String kind;
    private String token;
    private String ref;
    private String mode;
    private Long operatorId;
    private String author;
    private String text;
    private String createdAt;
    private String deliveredAt;
    private String repliedAt;
    private String changedAt;
    private String reason;
    private String historyFrom;
    private String status;
    private Boolean available;
    private String name;
    private Long expiresAt;
    private Long messageId;

    public TableItem() {
    }

    public static TableItem key(String pk, String sk) {
        TableItem item = new TableItem();
        item.pk = pk;
        item.sk = sk;
        return item;
    }

    public String getPk() { return pk; }
    public void setPk(String pk) { this.pk = pk; }
    public String getSk() { return sk; }
    public void setSk(String sk) { this.sk = sk; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public String getRef() { return ref; }
    public void setRef(String ref) { this.ref = ref; }
    public String getMode() { return mode; }
    public void setMode(String mode) { this.mode = mode; }
    public Long getOperatorId() { return operatorId; }
    public void setOperatorId(Long operatorId) { this.operatorId = operatorId; }
    public String getAuthor() { return author; }
    public void setAuthor(String author) { this.author = author; }
    public String getText() { return text; }
    public void setText(String text) { this.text = text; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String createdAt) { this.createdAt = createdAt; }
    public String getDeliveredAt() { return deliveredAt; }
    public void setDeliveredAt(String deliveredAt) { this.deliveredAt = deliveredAt; }
    public String getRepliedAt() { return repliedAt; }
    public void setRepliedAt(String repliedAt) { this.repliedAt = repliedAt; }
    public String getChangedAt() { return changedAt; }
    public void setChangedAt(String changedAt) { this.changedAt = changedAt; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getHistoryFrom() { return historyFrom; }
    public void setHistoryFrom(String historyFrom) { this.historyFrom = historyFrom; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public Boolean getAvailable() { return available; }
    public void setAvailable(Boolean available) { this.available = available; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Long getMessageId() { return messageId; }
    public void setMessageId(Long messageId) { this.messageId = messageId; }
    public Long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(Long expiresAt) { this.expiresAt = expiresAt; }
}
