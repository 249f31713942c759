"""Repairs (报修, #14): an order from request to the requester's signed acceptance."""
