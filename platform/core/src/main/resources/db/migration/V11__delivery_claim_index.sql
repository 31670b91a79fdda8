-- The dispatcher claims a campaign's queued deliveries in id order: this index serves that
-- without sorting the whole queue at every claim.
CREATE INDEX ix_delivery_claim ON campaign_delivery (campaign_id, status, id);
