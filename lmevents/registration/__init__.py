"""Registration: participants register for an event, take seats, wait in line for them."""
